/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The LwM2M client engine (PID {@code io.lightgate.lwm2m}, file etc/io.lightgate.lwm2m.cfg). */
@ObjectClassDefinition(name = "Lightgate LwM2M client engine",
        description = "How the gateway's endpoints talk CoAP to LwM2M servers.")
@interface EngineConfig {

    @AttributeDefinition(name = "Local address",
            description = "Address the endpoints' UDP sockets bind to (one socket per endpoint, port chosen by the system).")
    String local_address() default "0.0.0.0";

    @AttributeDefinition(name = "Worker threads",
            description = "Threads shared by every endpoint for CoAP processing and registration logic. 0: number of cores.")
    int worker_threads() default 0;

    @AttributeDefinition(name = "Request timeout (ms)",
            description = "How long a Register/Update/De-register waits for the server before it counts as failed.")
    long request_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Maximum payload (bytes)",
            description = "Largest request or response body, transferred block-wise (RFC 7959) when above one datagram.")
    int max_payload_bytes() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Maximum payload of the gateway's own endpoint (bytes)",
            description = "Largest request body the gateway's own endpoint accepts, block-wise: a firmware image pushed to "
                    + "Firmware Update /5/0/0 (a gateway jar is some 35 MB) is held in memory whole until it is written to data/. "
                    + "Virtual endpoints keep max.payload.bytes.")
    int gateway_max_payload_bytes() default 64 * 1024 * 1024;

    @AttributeDefinition(name = "Registration requests in flight per server",
            description = "The most Register, Update and De-register requests of all endpoints that wait for one server's "
                    + "answer at a time; the others follow as answers come. Thousands of virtual endpoints starting or stopping "
                    + "together would otherwise reach the server in one burst, of which its socket drops a part.")
    int registrations_in_flight() default 32;

    @AttributeDefinition(name = "Update delay (ms)",
            description = "Tree changes within this window are sent as one Registration Update. "
                    + "A bundle's components start within a few milliseconds of each other; the window is part of "
                    + "the time from a jar copied into load/ to the servers' Update.")
    long update_delay_ms() default 50;

    @AttributeDefinition(name = "Wait for devices behind the gateway (ms)", description = "After the gateway's registration resumed or started afresh: how long the state kept in data/ "
            + "for a device behind the gateway (object 25) waits for that device to come back before it is cleared (ms)")
    long gateway_device_wait_ms() default 60_000;

    @AttributeDefinition(name = "DTLS resumption after a quiet period (s)",
            description = "A DTLS session with a server that carried no record for this long is resumed (abbreviated "
                    + "handshake: a ClientHello carrying the session id, no new key exchange) before the next message goes out, "
                    + "because a NAT binding or the server's connection may have expired meanwhile (NATs commonly forget an idle UDP "
                    + "binding after 30 s to a few minutes) while the server still caches the session. A server that no longer "
                    + "knows the session answers with a full handshake. 0: never (the session is then renewed only after a "
                    + "request got no answer).")
    long dtls_resumption_after_quiet_s() default 30;

    @AttributeDefinition(name = "Stored notification values per server",
            description = "While a server is unreachable or disabled, the values its observations report are kept in data/ "
                    + "(Notification Storing When Disabled or Offline, /1/x/6) and forwarded with their timestamps once it is back. "
                    + "Beyond this many values per server the oldest are dropped (counted in the log).")
    long notifications_stored_max() default 100_000;

    @AttributeDefinition(name = "Stored notifications: group commit (ms)",
            description = "Values stored for an unreachable server reach the disk together at most once per this interval "
                    + "(each write keeps 8 KB or more in the file for 45 s). Meanwhile each change is in "
                    + "data/lwm2m/state/stored-notifications.journal at once, so a kill -9 loses none; 0 commits every value at once.")
    long notifications_stored_commit_ms() default 50;

    @AttributeDefinition(name = "Notifications per second (per endpoint and server)",
            description = "Average rate of notifications one endpoint sends one server; above it, a relation's next notification "
                    + "waits and then carries the values that waited (see notifications.backlog). 0 (the default): "
                    + "what the CoAP message-ID budget of one socket toward one peer carries, 95 % of it: 65,000 IDs (those "
                    + "from 65,000 up are Californium's for multicast), each taken for EXCHANGE_LIFETIME (247 s) after a CON "
                    + "and for notifications.non.lifetime.s after a NON; about 246/s "
                    + "with every notification CON, about 388/s with notifications.con.every = 10. Above the budget "
                    + "Californium refuses to send.", min = "0")
    double notifications_per_second() default 0;

    @AttributeDefinition(name = "Notification burst (per endpoint and server)",
            description = "How many notifications may go out at once after a quiet time, before the rate applies.", min = "1")
    int notifications_burst() default 500;

    @AttributeDefinition(name = "Confirmable notification every n-th",
            description = "1 (the default): every notification is CON, acknowledged by the server, so none is lost unseen and "
                    + "an unreachable server is noticed at the first unanswered one; one is in flight per relation. n > 1: "
                    + "notifications go out as NON (no acknowledgement, as RFC 7641 allows) except every n-th of a relation, "
                    + "which is CON: more per second on a good link; values sent as NON count as delivered once a later CON "
                    + "is acknowledged, and are stored with it when it is not.",
            min = "1")
    int notifications_con_every() default 1;

    @AttributeDefinition(name = "Confirmable notification at least every (s)",
            description = "A relation's notification is CON when the last CON of that relation is older than this (RFC 7641: "
                    + "at least once every 24 hours).", min = "1")
    long notifications_con_interval_s() default 86_400;

    @AttributeDefinition(name = "Message ID of a NON reused after (s)",
            description = "A NON message's ID is not used again toward the same peer for this long (RFC 7252 NON_LIFETIME, 145 s; "
                    + "a CON's for EXCHANGE_LIFETIME, 247 s). Servers built on Californium (Leshan) take every message ID seen "
                    + "within their EXCHANGE_LIFETIME (247 s) as a duplicate: for them set 247, or a NON notification whose ID "
                    + "comes back sooner is dropped. Only matters with notifications.con.every > 1 above about 250 notifications/s.",
            min = "1")
    long notifications_non_lifetime_s() default 145;

    @AttributeDefinition(name = "Notification backlog (single-value observations)",
            description = "What an observation in TLV, plain text, opaque or CBOR (one value per notification) sends when values "
                    + "changed faster than its notifications go out (one in transit per observation, within the rate above). "
                    + "all (the default): every value, one notification each, oldest first: none is lost, a burst arrives later. "
                    + "newest: the newest waiting value only (RFC 7641 allows skipping states), so the server sees the current value "
                    + "soon; the values in between are superseded and counted per endpoint and server (lwm2m:registrations, the "
                    + "console). SenML observations carry every value in either mode, and values of an outage are stored and "
                    + "forwarded whole in either mode.",
            options = { @Option(value = "all", label = "Every value, oldest first"),
                @Option(value = "newest", label = "The newest value once a backlog forms") })
    String notifications_backlog() default "all";
}
