"""The article screen editors and reporters spend their day in (`screen`), and its parts: the form
and its rules, inlines, save bar, live calls, pickers, history and filters."""
