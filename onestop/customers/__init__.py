"""Customers (客户): records with history, duplicates merged, segments and policies."""
