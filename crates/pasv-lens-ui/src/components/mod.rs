//! The result card and the view functions it is made of.
pub mod arithmetic;
pub mod findings;
pub mod result_card;
