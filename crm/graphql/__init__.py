"""The GraphQL API (POST /api/graphql): a Strawberry schema over the same use cases as the REST API, with the same
callers, roles, ownership, limits and errors. Strawberry is imported only here, on the first GraphQL request
(crm.http.graphql imports this package lazily), so the function's cold start does not pay for it."""
