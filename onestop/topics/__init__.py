"""Contact reasons (诉求分类) by keyword rules and a trained classifier; weekly hot topics."""
