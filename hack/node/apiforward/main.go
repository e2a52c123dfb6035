// apiforward relays TCP connections from one address to another, byte for byte: the real node's
// pods reach the API server (which listens on 127.0.0.1 only) at the bridge address that the
// `kubernetes` Service's endpoint names (kube-apiserver --advertise-address, hack/node/up.sh).
// TLS passes through untouched: the pods see the API server's own certificate and authenticate
// with their own ServiceAccount tokens; this process adds no identity and reads nothing.
//
//	apiforward -listen 10.88.0.1:PORT -to 127.0.0.1:PORT
package main

import (
	"flag"
	"io"
	"log"
	"net"
	"time"
)

func main() {
	listen := flag.String("listen", "", "address to listen on (the node's bridge address and the API server's port)")
	to := flag.String("to", "", "address to relay every connection to (the API server on loopback)")
	flag.Parse()
	if *listen == "" || *to == "" {
		log.Fatal("usage: apiforward -listen HOST:PORT -to HOST:PORT")
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("relaying %s to %s", *listen, *to)
	for {
		in, err := ln.Accept()
		if err != nil {
			log.Printf("accept: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		go relay(in.(*net.TCPConn), *to)
	}
}

// relay copies both directions until each side has closed its half.
func relay(in *net.TCPConn, to string) {
	defer in.Close()
	c, err := net.DialTimeout("tcp", to, 5*time.Second)
	if err != nil {
		log.Printf("dial %s: %v", to, err)
		return
	}
	out := c.(*net.TCPConn)
	defer out.Close()
	done := make(chan struct{})
	go func() {
		io.Copy(out, in)
		out.CloseWrite()
		close(done)
	}()
	io.Copy(in, out)
	in.CloseWrite()
	<-done
}
