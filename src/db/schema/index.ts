export * from './tenants';
export * from './locations';
export * from './appointment-types';
export * from './patients';
export * from './providers';
export * from './appointments';
export * from './waitlist';
export * from './no-show';
