"""Search of the knowledge base in Chinese.

``tokens`` cuts text into words with jieba, ``ranking`` is the BM25 formula,
``index`` writes a version's postings into ``SearchTerm`` when it is
approved, ``query`` ranks postings for a question, ``highlight`` marks the
words found in titles and snippets.
"""
