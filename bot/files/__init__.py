"""Files clients send in chat: the platforms' download ports, content checks and the content-addressed store."""
