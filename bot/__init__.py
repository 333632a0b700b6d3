"""The assistant: understanding, permissions, replies, jobs and delivery."""
