//! Benchmarks of the time-parameters pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use sp_runtime::traits::One;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A change that keeps every relation: the commission-increase delay one block longer.
	/// The call's cost does not depend on the values (a fixed number of comparisons).
	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut parameters = Parameters::<T>::get();
		parameters.commission_change_delay += One::one();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parameters);

		assert_eq!(Parameters::<T>::get(), parameters);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
