"""Files clients sent (the record of each one; the bytes live in the file store, bot/files/store.py)."""
