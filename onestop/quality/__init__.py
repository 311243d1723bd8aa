"""Quality evaluation (服务质量评价).

Schemes of weighted factors over surveys, inspection and casework; Q内 and
Q外; the five gaps; the monthly report.
"""
