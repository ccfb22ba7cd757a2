//! C `isspace` and glibc `sscanf` `%u`/`%d` readers, shared by the lftp and Wireshark rules.
use super::digits;

/// C `isspace` in the "C" locale.
pub(super) fn c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// What glibc `sscanf` reads for `%u` and `%d` alike: whitespace, an optional
/// sign, digits. Returns whether it was negative and the digits' value.
fn scanf_signed_digits(b: &[u8], i: &mut usize) -> Option<(bool, u64)> {
    let mut j = *i;
    while b.get(j).is_some_and(|&c| c_space(c)) {
        j += 1;
    }
    let neg = match b.get(j) {
        Some(b'-') => {
            j += 1;
            true
        }
        Some(b'+') => {
            j += 1;
            false
        }
        _ => false,
    };
    let (v, end) = digits(b, j)?;
    *i = end;
    Some((neg, v))
}

/// glibc `sscanf` `%u`: the `unsigned long` result (negated for `-`,
/// saturated on overflow) stored into 32 bits.
pub(super) fn scanf_u(b: &[u8], i: &mut usize) -> Option<u32> {
    let (neg, v) = scanf_signed_digits(b, i)?;
    let v = if neg { v.wrapping_neg() } else { v };
    Some(v as u32)
}

/// glibc `sscanf` `%d`: like `%u` but signed; the `long` saturates on overflow.
pub(super) fn scanf_d(b: &[u8], i: &mut usize) -> Option<i32> {
    let (neg, v) = scanf_signed_digits(b, i)?;
    let v = i64::try_from(v).unwrap_or(i64::MAX);
    let v = if neg { -v } else { v };
    Some(v as i32)
}

/// Six `%u`/`%d`-style numbers separated by literal commas, as `sscanf(p, "%u,%u,%u,%u,%u,%u")`.
pub(super) fn scanf_six<T>(b: &[u8], at: usize, one: fn(&[u8], &mut usize) -> Option<T>) -> Option<[T; 6]>
where
    T: Copy + Default,
{
    let mut out = [T::default(); 6];
    let mut i = at;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        *slot = one(b, &mut i)?;
    }
    Some(out)
}
