"""Translations between chat platforms and the neutral message/reply models."""
