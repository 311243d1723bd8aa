"""Tests for onestop.compute (plain unittest; no Django)."""
