"""Shipped published filing calendars, one YYYY.json per year (see domain/calendar/published.py)."""
