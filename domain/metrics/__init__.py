"""The metrics layer (semantics.md "Metrics, breakdowns and trends", "Client value and health")."""
