package redislimit_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/ratelimit/redislimit"
	"github.com/redis/go-redis/v9"
)

// Every worker that uses the same Maton API key passes the same key to
// redislimit.New: together they stay within the gateway's 10 requests per
// second.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	defer rdb.Close()

	client, err := pipedrive.NewClientFromEnv(
		pipedrive.WithLimiter(redislimit.New(rdb, "maton:"+os.Getenv("MATON_ACCOUNT"))),
	)
	if err != nil {
		log.Fatal(err)
	}
	var me struct {
		Name string `json:"name"`
	}
	if _, err := client.Do(context.Background(), "GET", "/api/v1/users/me", nil, nil, &me); err != nil {
		log.Fatal(err)
	}
	fmt.Println(me.Name)
}
