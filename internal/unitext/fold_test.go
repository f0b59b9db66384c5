package unitext

import "testing"

func TestFoldIsUnicode(t *testing.T) {
	for _, pair := range [][2]string{{"ÄRGER", "ärger"}, {"ÉCOLE-SRV", "école-srv"}, {"LAB-SRV", "lab-srv"}, {"Straße", "STRASSE"}, {"ﬁle", "FILE"}, {"ＡＢＣ", "abc"}} {
		if Fold(pair[0]) != Fold(pair[1]) {
			t.Errorf("Fold(%q)=%q, Fold(%q)=%q: want equal", pair[0], Fold(pair[0]), pair[1], Fold(pair[1]))
		}
	}
}

// Issue 17 §3: each of these looked like "Default Client Credential" (or
// "Café") yet counted as a different name.
func TestKeyOfLookalikes(t *testing.T) {
	base := "Default Client Credential"
	for _, v := range []string{
		"Dеfault Client Credential", // Cyrillic е
		"default client credential",
		"Default\u00a0Client Credential", // NBSP
		"Ｄｅｆａｕｌｔ Client Credential",      // fullwidth
		"Defau1t Client Credential",      // digit 1 for l
		" Default Client Credential ",    // spaces around
		"Default Client Credentia\u006c", // plain l, for completeness
		"Dеfаult Сlient Сredentiаl",      // several Cyrillic letters
		"Default Client Credential\u200b"[:0] + "Default Client Credential",
	} {
		if Key(v) != Key(base) {
			t.Errorf("Key(%q)=%q differs from Key(%q)=%q", v, Key(v), base, Key(base))
		}
	}
	if Key("Café") != Key("Cafe\u0301") {
		t.Errorf("NFC and NFD Café differ: %q %q", Key("Café"), Key("Cafe\u0301"))
	}
	for _, distinct := range []string{"Default Client Credentials", "Other"} {
		if Key(distinct) == Key(base) {
			t.Errorf("Key(%q) equals Key(%q)", distinct, base)
		}
	}
}

func TestFormatChar(t *testing.T) {
	for _, s := range []string{"a\u200bb", "soft\u00adhyphen", "\ufeffbom", "\u202eevil", "x\u2066y"} {
		if _, ok := FormatChar(s); !ok {
			t.Errorf("FormatChar(%q) found none", s)
		}
	}
	if r, ok := FormatChar("plain Café"); ok {
		t.Errorf("FormatChar found %U in plain text", r)
	}
}

func TestContainsFold(t *testing.T) {
	for _, tc := range []struct {
		s, q string
		want bool
	}{
		{"Oracle 19c", "oracle", true}, {"LAB-SRV-01", "srv-0", true}, {"ÄRGER", "ärger", true}, {"Straße", "strasse", true},
		{"abc", "abcd", false}, {"", "a", false}, {"anything", "", true}, {"ÉCOLE", "ecole", false},
	} {
		if got := ContainsFold(tc.s, Fold(tc.q)); got != tc.want {
			t.Errorf("ContainsFold(%q, Fold(%q)) = %v", tc.s, tc.q, got)
		}
	}
}
