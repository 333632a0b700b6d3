"""LLM prompts and user-facing message templates, as files (read with importlib.resources)."""
