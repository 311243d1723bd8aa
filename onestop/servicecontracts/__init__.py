"""Service contracts (售后服务合同): entitlements per contract, their use, the rate card, quotes and bills."""
