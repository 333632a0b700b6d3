"""Clients answering in their own chat (actions.md, "Client replies"): files and pictures, payment claims, promises,
disputes, questions, and everything else passed on to the owner."""
