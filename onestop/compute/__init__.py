"""Pure science for service work: calendars, queues, weights, statistics. No Django."""
