"""Pydantic models and pure rules, one module per aggregate; nothing here touches Firestore or HTTP."""
