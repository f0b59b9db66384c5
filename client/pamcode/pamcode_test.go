package pamcode

import "testing"

func TestPrefixAndMessage(t *testing.T) {
	for msg, want := range map[string]Code{
		"1007: Credential not found": CredentialNotFound,
		"1017:Key inactive":          KeyInactive, // the vendor's 3.32 examples
		"Resource sub not found":     0,
		"500: Unexpected":            0,
		"":                           0,
		"12345: no":                  0,
	} {
		if got := Prefix(msg); got != want {
			t.Errorf("Prefix(%q) = %d, want %d", msg, got, want)
		}
	}
	if got := CredentialAlreadyActive.Message(); got != "1043: Credential is already activated!" {
		t.Errorf("1043 = %q, want the vendor's text verbatim", got)
	}
	if Code(1999).Message() != "1999" || !KeyNotFound.NotFound() || Forbidden.NotFound() {
		t.Error("undocumented code / NotFound")
	}
	for c := range texts {
		if Prefix(c.Message()) != c {
			t.Errorf("%d: Prefix(Message()) does not give the code back", c)
		}
	}
}
