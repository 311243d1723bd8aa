"""Contact reasons (诉求分类) from a tree by keyword rules and a trained classifier, and the weekly hot topics digest."""
