package sshserver_test

import (
	"testing"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// The benchmark bodies live in sshtest so the same measurements can run
// with the real console as the model (sshtest.BenchSessionMemory /
// BenchConnectFirstFrame with another Config.NewModel).

func BenchmarkSessionMemory(b *testing.B) {
	sshtest.BenchSessionMemory(b, sshserver.Config{NewModel: helloModelFunc}, "hello admin", 50)
}

func BenchmarkConnectFirstFrame(b *testing.B) {
	sshtest.BenchConnectFirstFrame(b, sshserver.Config{NewModel: helloModelFunc}, "hello admin")
}
