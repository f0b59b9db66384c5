package store

import (
	"github.com/pamconsole/pamconsole/client/pamcode"
	"testing"
)

func TestInfoCreateGetDisable(t *testing.T) {
	st, path := openTemp(t)
	if _, err := st.CreateInfo(ctxBG, tester, InfoInput{Name: "n", Content: "  "}); keyErrCode(t, err) != pamcode.InfoContentMissing {
		t.Fatalf("no content: %v", err)
	}
	it, err := st.CreateInfo(ctxBG, tester, InfoInput{Identifier: "wifi", Name: "Office Wi-Fi", Type: "Access credential", Content: "Info-Secret-9"})
	if err != nil || it.ID == 0 || !it.Active {
		t.Fatalf("create: %v %+v", err, it)
	}
	if _, err := st.CreateInfo(ctxBG, tester, InfoInput{Identifier: "wifi", Content: "x"}); err == nil {
		t.Fatal("an identifier in use must be refused")
	}
	got, err := st.GetInfo(ctxBG, tester, "wifi", false)
	if err != nil || got.Content != "" || got.Name != "Office Wi-Fi" {
		t.Fatalf("get without reveal: %v %+v", err, got)
	}
	before := auditCount(t, st)
	got, err = st.GetInfo(ctxBG, tester, "wifi", true)
	if err != nil || got.Content != "Info-Secret-9" || auditCount(t, st) != before+1 {
		t.Fatalf("reveal (audited): %v %+v", err, got)
	}
	assertNotInFiles(t, path, "Info-Secret-9")
	list, total, err := st.ListInfo(ctxBG, InfoFilter{Search: "wi-fi"})
	if err != nil || total != 1 || len(list) != 1 || list[0].Content != "" {
		t.Fatalf("list: %v %d %+v", err, total, list)
	}
	if _, err := st.DisableInfo(ctxBG, tester, "wifi"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetInfo(ctxBG, tester, "wifi", true); keyErrCode(t, err) != pamcode.InfoInactive {
		t.Fatalf("get disabled: %v", err)
	}
	if _, err := st.DisableInfo(ctxBG, tester, "wifi"); keyErrCode(t, err) != pamcode.InfoInactive {
		t.Fatalf("disable twice: %v", err)
	}
	if _, err := st.GetInfo(ctxBG, tester, "999", false); keyErrCode(t, err) != pamcode.InfoNotFound {
		t.Fatalf("unknown: %v", err)
	}
}
