package common

// ClampWindow keeps a list's cursor on a row and in view: lists draw only
// the height rows from offset, so moving costs the same at 50 rows or
// 50,000. It returns the cursor and offset corrected for n rows.
func ClampWindow(cursor, offset, height, n int) (int, int) {
	height = max(height, 1)
	cursor = max(min(cursor, n-1), 0)
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	if maxOff := n - height; offset > maxOff {
		offset = max(maxOff, 0)
	}
	return cursor, max(offset, 0)
}
