"""Quality evaluation (服务质量评价): schemes of weighted factors over surveys, inspection and casework, Q内 and Q外, the five gaps and the monthly report."""
