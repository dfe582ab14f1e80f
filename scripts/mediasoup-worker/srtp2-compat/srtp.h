/*
 * libsrtp 3 API on top of libsrtp 2 (oncoboard build of the mediasoup
 * worker, see scripts/build-mediasoup-worker.sh, which builds Debian's
 * libsrtp 2.5 source with OpenSSL).
 *
 * mediasoup >= 3.13.18 is written against libsrtp 3, which protects/unprotects
 * from an input buffer into a separate output buffer with size_t lengths (the
 * output length being the output capacity on input), renames
 * srtp_remove_stream() to srtp_stream_remove() and adds two error codes.
 * Debian 12 ships libsrtp 2.5 (in-place processing, int* lengths, header in
 * <prefix>/include/srtp2/). The worker includes <srtp.h>; the patched meson.build
 * adds this directory to the include path, so it gets this wrapper, which
 * includes the real libsrtp 2 header and adds inline C++ overloads with the
 * libsrtp 3 signatures (copy input to output when they differ and check the
 * output capacity, then run the in-place libsrtp 2 function on the output).
 */
#ifndef ONCOBOARD_SRTP2_COMPAT_SRTP_H
#define ONCOBOARD_SRTP2_COMPAT_SRTP_H

#include <srtp2/srtp.h>

#ifdef __cplusplus

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

// libsrtp 3 error codes missing from libsrtp 2 (same numeric values).
inline constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(29);

namespace oncoboard_srtp2_compat
{
	using v2_fn = srtp_err_status_t (*)(srtp_t, void*, int*);

	// Copies `in` to `out` (if they differ), checks that `out` (capacity
	// *out_len) can hold in_len + extra bytes, runs the in-place v2 function on
	// `out` and stores the resulting length in *out_len.
	inline srtp_err_status_t run_in_place(
	  v2_fn fn, srtp_t ctx, const uint8_t* in, size_t in_len, uint8_t* out, size_t* out_len, size_t extra)
	{
		if (!in || !out || !out_len || in_len > static_cast<size_t>(INT_MAX) - extra)
		{
			return srtp_err_status_bad_param;
		}
		if (*out_len < in_len + extra)
		{
			return srtp_err_status_buffer_small;
		}
		if (out != in)
		{
			std::memmove(out, in, in_len);
		}

		int len = static_cast<int>(in_len);
		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err == srtp_err_status_ok)
		{
			*out_len = static_cast<size_t>(len);
		}

		return err;
	}
} // namespace oncoboard_srtp2_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtp_len, uint8_t* srtp, size_t* srtp_len, size_t mki_index)
{
	if (mki_index != 0)
	{
		return srtp_err_status_bad_param;
	}

	return oncoboard_srtp2_compat::run_in_place(
	  srtp_protect, ctx, rtp, rtp_len, srtp, srtp_len, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtp_len, uint8_t* rtp, size_t* rtp_len)
{
	return oncoboard_srtp2_compat::run_in_place(srtp_unprotect, ctx, srtp, srtp_len, rtp, rtp_len, 0);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcp_len, uint8_t* srtcp, size_t* srtcp_len, size_t mki_index)
{
	if (mki_index != 0)
	{
		return srtp_err_status_bad_param;
	}

	// SRTCP adds the 4-byte E-flag/index word on top of the auth tag (and MKI).
	return oncoboard_srtp2_compat::run_in_place(
	  srtp_protect_rtcp, ctx, rtcp, rtcp_len, srtcp, srtcp_len, SRTP_MAX_TRAILER_LEN + 4);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcp_len, uint8_t* rtcp, size_t* rtcp_len)
{
	return oncoboard_srtp2_compat::run_in_place(
	  srtp_unprotect_rtcp, ctx, srtcp, srtcp_len, rtcp, rtcp_len, 0);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

#endif // __cplusplus

#endif // ONCOBOARD_SRTP2_COMPAT_SRTP_H
