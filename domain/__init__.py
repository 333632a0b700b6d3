"""The firm's facts and rules: models, definitions, queries. Imports no chat platform, scheduler or LLM."""
