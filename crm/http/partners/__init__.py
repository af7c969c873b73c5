"""HTTP of the partner programme: the operations (imported by crm.http.app) and the redirect of tracked links
(``redirect``, served before the app is even built: see crm.http.handle_request)."""
