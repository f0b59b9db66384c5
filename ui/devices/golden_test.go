package devices

import (
	"github.com/pamconsole/pamconsole/ui/uitest"
	"testing"
)

func TestGoldenDevices(t *testing.T) {
	k, _ := start(t, uitest.NewCommon(nil), &fakeAPI{devices: sampleDevices()})
	k.MustShow("4 devices")
	k.Golden()
}
