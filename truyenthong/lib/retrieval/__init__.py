"""Retrieval over a school's documents: Vietnamese analysis, passages, a BM25 index, extractive answers (pure)."""
