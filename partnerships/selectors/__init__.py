"""Read-only queries of the partnerships app: what views, services and sweeps ask, never a write.

Callers import the concept module (`from partnerships.selectors.overdue import item_states`);
this package re-exports nothing, so each caller's import says where the query lives."""
