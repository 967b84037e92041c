"""Evaluation of Taiyaku against hand-checked data: outside the product packages."""
