"""Service contracts (售后服务合同): entitlements, their use, rate card, quotes, bills."""
