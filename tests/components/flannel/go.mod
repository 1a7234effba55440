// Builds flannel for the end-to-end tests (scripts/testhosts/build-components).
module tcs.test/components/flannel

go 1.26.0

require github.com/flannel-io/flannel v0.28.9
