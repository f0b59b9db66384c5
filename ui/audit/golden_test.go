package audit

import "testing"

func TestGoldenAudit(t *testing.T) {
	k, _, _ := start(t, 60)
	k.MustShow("60 entries")
	k.Golden()
}
