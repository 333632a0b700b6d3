"""The console adapter: `zhangfang chat` and `zhangfang ask` (a terminal as one more chat platform)."""
