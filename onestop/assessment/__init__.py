"""Performance assessment (绩效考核).

Indicators, monthly plans decomposed to departments, posts and people, runs,
manual checks, objections, sign-off, rankings.
"""
