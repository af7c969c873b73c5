"""Firestore adapters: one repository per aggregate, behind which all Firestore access lives."""
