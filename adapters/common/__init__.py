"""Pieces several adapters share (plain-text rendering of a Reply)."""
