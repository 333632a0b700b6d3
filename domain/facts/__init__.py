"""The firm's facts exactly as semantics.md defines them, as functions of (session, viewer, today, …) with the
viewer's scope applied in SQL. One module per subject: receivables, contracts, profitability, credit,
documents, clients (attributes, contact, feedback), staff, taxes, profile (the 360° card and health score).
"""
