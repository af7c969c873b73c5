"""Jobs (imports, exports, bulk actions) put together: their services over Firestore, the local runner, and the
steps the deployed functions take. Above the layers, like the CLI: it wires services to their store."""
