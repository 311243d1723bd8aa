"""Customers (客户): one record per person or organisation with contacts and history, duplicates merged, segments by rules and their service policies."""
