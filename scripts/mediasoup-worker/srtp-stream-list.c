/*
 * libsrtp's stream list as two arrays (SSRCs, streams) instead of its default linked list.
 *
 * Every protected or unprotected packet looks its SSRC up in its session's list. A participant's
 * receive transport is one session holding a stream for every microphone, camera and
 * retransmission it receives (60-70 in a session of 50), and libsrtp 2's default list walks one
 * heap node per stream to find it: 6.8 % of the workers' CPU in a 50-person session (perf, during
 * npm run bench:capacity). Scanning a packed array of SSRCs stays within a few cache lines: 2.0 %.
 *
 * libsrtp 2.5 lets a build replace the list (SRTP_NO_STREAM_LIST, include/stream_list_priv.h);
 * scripts/build-mediasoup-worker.sh compiles libsrtp with it and adds this file to the library.
 */
/* First, as in libsrtp's own sources: its headers depend on what the build found. */
#include "config.h"

#include <string.h>

#include "alloc.h"
#include "srtp_priv.h"
#include "stream_list_priv.h"

struct srtp_stream_list_ctx_t_ {
    uint32_t *ssrcs;
    srtp_stream_t *streams;
    size_t size;
    size_t capacity;
};

enum { INITIAL_CAPACITY = 16 };

static srtp_err_status_t reserve(srtp_stream_list_t list, size_t capacity)
{
    uint32_t *ssrcs = srtp_crypto_alloc(capacity * sizeof(uint32_t));
    srtp_stream_t *streams = srtp_crypto_alloc(capacity * sizeof(srtp_stream_t));
    if (ssrcs == NULL || streams == NULL) {
        if (ssrcs != NULL)
            srtp_crypto_free(ssrcs);
        if (streams != NULL)
            srtp_crypto_free(streams);
        return srtp_err_status_alloc_fail;
    }
    if (list->size > 0) {
        memcpy(ssrcs, list->ssrcs, list->size * sizeof(uint32_t));
        memcpy(streams, list->streams, list->size * sizeof(srtp_stream_t));
    }
    if (list->ssrcs != NULL)
        srtp_crypto_free(list->ssrcs);
    if (list->streams != NULL)
        srtp_crypto_free(list->streams);
    list->ssrcs = ssrcs;
    list->streams = streams;
    list->capacity = capacity;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_alloc(srtp_stream_list_t *list_ptr)
{
    srtp_stream_list_t list = srtp_crypto_alloc(sizeof(*list));
    if (list == NULL)
        return srtp_err_status_alloc_fail;
    list->ssrcs = NULL;
    list->streams = NULL;
    list->size = 0;
    list->capacity = 0;
    if (reserve(list, INITIAL_CAPACITY) != srtp_err_status_ok) {
        srtp_crypto_free(list);
        return srtp_err_status_alloc_fail;
    }
    *list_ptr = list;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_dealloc(srtp_stream_list_t list)
{
    if (list->size > 0)
        return srtp_err_status_fail;
    srtp_crypto_free(list->ssrcs);
    srtp_crypto_free(list->streams);
    srtp_crypto_free(list);
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_stream_list_insert(srtp_stream_list_t list, srtp_stream_t stream)
{
    if (list->size == list->capacity) {
        srtp_err_status_t status = reserve(list, list->capacity * 2);
        if (status != srtp_err_status_ok)
            return status;
    }
    list->ssrcs[list->size] = stream->ssrc;
    list->streams[list->size] = stream;
    list->size++;
    return srtp_err_status_ok;
}

srtp_stream_t srtp_stream_list_get(srtp_stream_list_t list, uint32_t ssrc)
{
    for (size_t i = 0; i < list->size; i++) {
        if (list->ssrcs[i] == ssrc)
            return list->streams[i];
    }
    return NULL;
}

/* The last entry takes the removed one's place: order does not matter to a lookup by SSRC. */
void srtp_stream_list_remove(srtp_stream_list_t list, srtp_stream_t stream)
{
    for (size_t i = 0; i < list->size; i++) {
        if (list->streams[i] == stream) {
            list->size--;
            list->ssrcs[i] = list->ssrcs[list->size];
            list->streams[i] = list->streams[list->size];
            return;
        }
    }
}

/*
 * From the last entry to the first, so that the callback may remove the stream it is given: the
 * entry moved into its place was visited already.
 */
void srtp_stream_list_for_each(srtp_stream_list_t list, int (*callback)(srtp_stream_t, void *), void *data)
{
    for (size_t i = list->size; i > 0; i--) {
        if (callback(list->streams[i - 1], data))
            break;
    }
}
