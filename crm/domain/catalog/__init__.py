"""The product catalog: products with a unique SKU and a price per currency, and what referencing them means for a
deal's line items and a customer's owned items."""
