package devices

import "testing"

func TestGoldenDevices(t *testing.T) {
	k, _ := start(t, testCommon(nil), &fakeAPI{devices: sampleDevices()})
	k.MustShow("4 devices")
	k.Golden()
}
