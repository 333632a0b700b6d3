"""Scheduled work: reminder planners, the daily digest, and the job runner that queues them in the outbox."""
