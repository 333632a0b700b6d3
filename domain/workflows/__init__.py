"""Service workflows: each service a firm runs (a month's bookkeeping, a year's 汇算清缴, a registration) as a
standard sequence of stages with owners and due dates, advanced from chat, every step on record.

- templates.py — the YAML templates (shipped in templates/, overridable per firm), validated with pydantic;
- schedule.py — when the work starts and when each stage is due;
- opening.py — opening the instances due for a month (or year, or a starting contract), never twice;
- transitions.py — complete / advance / reassign / wait on the client, with the rules and the audit trail;
- pending.py — changes proposed in chat, applied only when the proposer confirms them in time;
- facts.py — what is open, late, waiting, done and by whom (scoped by a Viewer); effects.py — what a change
  sets off in the book (document requests, filings marked done);
- stats.py — on-time rates, cycle times, current load.
"""
