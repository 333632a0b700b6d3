"""The write side of the book: typed commands (`commands.py`), each checked (preview or refusal) and applied in one
transaction by its handler, with pending proposals, an audit trail and undo (actions.md)."""
