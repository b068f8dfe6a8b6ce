class ProductsController < ApplicationController
  SORTABLE = %w[name price created_at].freeze

  def index
    render json: Product.order("#{params[:sort]} ASC")
  end
end
